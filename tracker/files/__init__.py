"""The person's files outside the database: the settings (config.toml, where the database
lives) and files written for people and other devices, whole and private."""
