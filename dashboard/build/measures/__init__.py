"""The measures table (`table.build_measures`), built from official LA series (`official`),
school-level inspections and results (`inspections`, `results`) and the strategy documents'
figures (`published`), with the row builders they share (`rows`)."""
