# Payments Deployments run at least 3 replicas (data.payments.min_replicas overrides the 3).
#
# nospof evaluates `nospof/deny` once per deployment unit, with the unit's resources and their resolved
# attributes as input. A value nospof cannot know arrives as {"$unknown": "<reason>"}: is_number() is false
# for it, so an unknown replica count never denies.
package nospof

import rego.v1

min_replicas := n if {
	n := data.payments.min_replicas
	is_number(n)
} else := 3

deny contains finding if {
	some r in input.resources
	r.type == "Deployment"
	r.namespace == "payments"

	# Kubernetes runs one replica when spec.replicas is absent.
	replicas := object.get(r.attributes, ["spec", "replicas"], 1)
	is_number(replicas)
	replicas < min_replicas

	finding := {
		"id": "payments-replicas",
		"msg": sprintf("Deployment %s runs %d replica(s); payments services run at least %d", [r.name, replicas, min_replicas]),
		"resource": r.id,
		"path": "spec.replicas",
	}
}
