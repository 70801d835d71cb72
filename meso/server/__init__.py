"""Running the Rasa server: the launcher, and the hooks it installs before Rasa starts."""
