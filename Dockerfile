# Mend's production image: the API (and, once built, the web app) under gunicorn.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --create-home --uid 10001 mend

COPY pyproject.toml README.md ./
COPY backend backend
COPY migrations migrations
RUN pip install --editable ".[prod]"

USER mend
ENV MEND_ENV=production MEND_INSTANCE_PATH=/app/instance
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "1", "--threads", "8", \
     "--access-logfile", "-", "mend.wsgi:app"]
