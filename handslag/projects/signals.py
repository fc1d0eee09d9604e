"""What projects announce, for the apps above them that act on it.

gate_passed is sent inside gate_pass's transaction, after the stage is saved and before
its audit entry (a receiver's rows come first: no row lock after the audit entries). A
receiver that raises stops the gate. Arguments: stage, actor, and lesson (what the lead
wrote about the stage at the gate, a mapping with title, design, execution, results, tags
and visibility; None when nothing was written).
"""

from django.dispatch import Signal

gate_passed = Signal()
