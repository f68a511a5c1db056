"""Flask extensions, created unbound; create_app() binds them to an app."""

from typing import Any

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Blueprint
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from marshmallow import Schema
from webargs.flaskparser import FlaskParser

from mend.database import Base
from mend.errors import ProblemApi


class ArgumentsParser(FlaskParser):
    """webargs' Flask parser, building each argument schema once instead of per request.

    Building a schema costs more than loading a request with it, and loading keeps
    no state on the schema, so one instance per schema class serves every request.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._instances: dict[type[Schema], Schema] = {}

    def _get_schema(self, argmap: Any, req: Any) -> Schema:
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            if argmap not in self._instances:
                self._instances[argmap] = argmap()
            return self._instances[argmap]
        return super()._get_schema(argmap, req)


# webargs drops unknown query parameters by default; let each schema's
# Meta.unknown (RAISE, from StrictSchema) decide for every location instead.
Blueprint.ARGUMENTS_PARSER = ArgumentsParser(unknown=None)

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
socketio = SocketIO()
api = ProblemApi()
