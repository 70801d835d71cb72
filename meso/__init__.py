"""The mesotherapy assistant's own code beside Rasa's layout.

- `meso.settings`: every setting, read in one place (clinic.yml or $CLINIC_SETTINGS, paths,
  origins, retention).
- `meso.tracker_store`: the tracker store class named in endpoints.yml (SQLite or
  PostgreSQL), which also deletes a conversation on "forget me".
- `meso.server`: the Rasa server's launcher and the few hooks Rasa has no extension point
  for, installed by the launcher only.
- `meso.cli`: the `meso` command (serve, chat, check, train, evaluate, publish, ...).
- `meso.tools`: what the subcommands run.

Rasa's own extension points live where Rasa looks for them: custom actions in `actions/`,
input channels in `channels/` (credentials.yml), NLU components in `meso_nlu/` (config.yml).
Importing any of these patches nothing.
"""
