"""The browser front end: the Gradio UI, its rendering, the Documents tab and the HTTP API,
all thin layers over the answering service."""
