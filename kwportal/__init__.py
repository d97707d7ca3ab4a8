"""kwportal: the self-service portal of the KrachtWerkt arbodienst."""
