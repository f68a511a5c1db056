"""Entry point for production servers: `gunicorn mend.wsgi:app`."""

from mend import create_app

app = create_app()
