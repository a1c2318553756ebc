"""Writes to the risk register: risks and their scores (`risks`), mitigating actions and their
progress notes (`mitigations`), the area's bands (`bands`). Each checks, saves in one transaction,
claims versions and records the change in the area's history."""
