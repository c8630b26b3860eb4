"""The app as a real server for the benchmark and the tests: deploy.processes (one `streamlit run app.py`
on a free local port), named here as the bench and the tests have always imported it."""
from deploy.processes import SERVER_ARGS, Server, ServerDidNotStart, free_port, streamlit_server

__all__ = ["SERVER_ARGS", "Server", "ServerDidNotStart", "free_port", "streamlit_server"]
