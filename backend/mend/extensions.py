"""Flask extensions, created unbound; create_app() binds them to an app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Blueprint
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from webargs.flaskparser import FlaskParser

from mend.database import Base
from mend.errors import ProblemApi

# webargs drops unknown query parameters by default; let each schema's
# Meta.unknown (RAISE, from StrictSchema) decide for every location instead.
Blueprint.ARGUMENTS_PARSER = FlaskParser(unknown=None)

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
socketio = SocketIO()
api = ProblemApi()
