"""Rich renderers shared by the command line and the app: the week review, the habit
page, the status marks and column fitting."""
