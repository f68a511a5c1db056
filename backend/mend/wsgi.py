"""Entry point for production servers: `gunicorn -k gevent -w 1 mend.wsgi:app`."""

import gc

from mend import create_app
from mend.encryption.startup import check_data_keys

app = create_app()
check_data_keys(app)
# Move everything built at start-up out of the collector's sight: full collections
# otherwise pause the whole (single, gevent) process for 100-300 ms now and then.
gc.collect()
gc.freeze()
