# Mend's production image: the web app built with Node, served with the API by
# gunicorn's gevent worker (one process per container; scale out with more
# containers behind deploy/nginx.conf, with Redis as the Socket.IO queue).
#
# Base images are pinned to exact versions (see README, "Deployment", to pin digests
# too). Python is 3.11, the version requirements/prod.txt was locked with and CI runs.

FROM node:20.18.1-bookworm-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# pg_dump/pg_restore of the database's major version (16), for `flask --app mend backup`.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    install -d /usr/share/postgresql-common/pgdg; \
    curl -fsSLo /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
        https://www.postgresql.org/media/keys/ACCC4CF8.asc; \
    echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
        > /etc/apt/sources.list.d/pgdg.list; \
    apt-get update; \
    apt-get install -y --no-install-recommends postgresql-client-16; \
    apt-get purge -y curl; apt-get autoremove -y; rm -rf /var/lib/apt/lists/*

# Exact versions with hashes (requirements/lock), then Mend itself without resolving again.
COPY requirements/prod.txt requirements/prod.txt
RUN pip install --require-hashes -r requirements/prod.txt
COPY pyproject.toml README.md ./
COPY backend backend
COPY migrations migrations
RUN pip install --no-deps --editable .
COPY --from=web /web/dist frontend/dist

# The app user owns what it writes: its instance folder and the backups folder.
RUN useradd --create-home --uid 10001 mend \
    && install -d -o mend -g mend /app/instance /app/backups
USER mend
ENV MEND_ENV=production MEND_INSTANCE_PATH=/app/instance
EXPOSE 8000
# gevent worker: one process serves many websockets; never --preload (see README).
# A stop waits up to --graceful-timeout (8 s) for requests; compose allows 20 s.
CMD ["gunicorn", "--worker-class", "gevent", "--workers", "1", \
     "--worker-connections", "1000", "--bind", "0.0.0.0:8000", \
     "--timeout", "30", "--graceful-timeout", "8", "--access-logfile", "-", "mend.wsgi:app"]
