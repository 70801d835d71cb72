# Test-only stand-ins for the public postgres, redis and nginx images the compose file names
# (none can be pulled here): Debian bookworm's packages, one shared layer, three targets that
# behave as the public images do for deploy/docker-compose.yml (the same environment
# variables, the same paths, the server in the foreground).
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE} AS servers
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         postgresql-15 redis-server nginx-light >/dev/null \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
    && chmod 700 /var/lib/postgresql/data

FROM servers AS postgres
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
USER postgres
STOPSIGNAL SIGINT
CMD ["/usr/local/bin/postgres-entrypoint.sh"]

FROM servers AS redis
USER redis
CMD ["redis-server"]

FROM servers AS nginx
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
