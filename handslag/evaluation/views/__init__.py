"""Pages of the evaluation, by part: scoring (criteria, declaration, scores, consensus),
the award, and the evaluation model with its simulator and matrix."""
