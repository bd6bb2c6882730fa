# Production databases keep at least 14 days of automated backups.
package nospof

import rego.v1

database_types := {"aws_db_instance", "aws_rds_cluster"}

deny contains finding if {
	some r in input.resources
	r.type in database_types
	r.attributes.tags.env == "production"

	# The RDS API keeps 1 day of backups when backup_retention_period is not set.
	days := object.get(r.attributes, "backup_retention_period", 1)
	is_number(days)
	days < 14

	finding := {
		"id": "db-backups",
		"msg": sprintf("%s keeps %d day(s) of automated backups; production databases keep at least 14", [r.id, days]),
		"resource": r.id,
		"path": "backup_retention_period",
		"severity": "error",
	}
}
