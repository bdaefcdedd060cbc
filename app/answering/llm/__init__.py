"""Generative answers: language-model backends, the prompt, and the checker every sentence passes."""
