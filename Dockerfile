# Mend's production image: the web app built with Node, served with the API by
# gunicorn's gevent worker (one process per container; scale out with more
# containers behind a sticky proxy, with Redis as the Socket.IO queue).

FROM node:20-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --create-home --uid 10001 mend

COPY pyproject.toml README.md ./
COPY backend backend
COPY migrations migrations
RUN pip install --editable ".[prod]"
COPY --from=web /web/dist frontend/dist

USER mend
ENV MEND_ENV=production MEND_INSTANCE_PATH=/app/instance
EXPOSE 8000
# gevent worker: one process serves many websockets; never --preload (see README).
CMD ["gunicorn", "--worker-class", "gevent", "--workers", "1", \
     "--worker-connections", "1000", "--bind", "0.0.0.0:8000", \
     "--timeout", "30", "--graceful-timeout", "8", "--access-logfile", "-", "mend.wsgi:app"]
