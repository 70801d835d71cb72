{{/* The release's resource name prefix. */}}
{{- define "meso.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "meso.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "meso.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "meso.secretName" -}}
{{- if .Values.existingSecret -}}{{ .Values.existingSecret }}{{- else -}}{{ include "meso.fullname" . }}{{- end -}}
{{- end -}}

{{- define "meso.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end -}}

{{/* Pod and container hardening shared by every workload. */}}
{{- define "meso.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "meso.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* The environment of deploy/endpoints.stack.yml (stores, action server, model server). */}}
{{- define "meso.storeEnv" -}}
- name: ACTION_ENDPOINT_URL
  value: {{ printf "http://%s-action:%v/webhook" (include "meso.fullname" .) .Values.action.service.port | quote }}
- name: MODEL_SERVER_URL
  value: {{ required "modelServer.url is required" .Values.modelServer.url | quote }}
- name: DB_HOST
  value: {{ .Values.postgresql.host | quote }}
- name: DB_PORT
  value: {{ .Values.postgresql.port | quote }}
- name: DB_NAME
  value: {{ .Values.postgresql.database | quote }}
- name: DB_USER
  value: {{ .Values.postgresql.user | quote }}
- name: DB_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "meso.secretName" . }}, key: DB_PASSWORD}}
- name: REDIS_HOST
  value: {{ .Values.redis.host | quote }}
- name: REDIS_PORT
  value: {{ .Values.redis.port | quote }}
- name: REDIS_DB
  value: {{ .Values.redis.db | quote }}
- name: REDIS_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "meso.secretName" . }}, key: REDIS_PASSWORD}}
- name: MESO_ACTION_SECRET
  valueFrom: {secretKeyRef: {name: {{ include "meso.secretName" . }}, key: MESO_ACTION_SECRET}}
{{- end -}}
