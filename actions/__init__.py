"""Custom actions of the mesotherapy FAQ assistant (run by `rasa run actions`)."""
