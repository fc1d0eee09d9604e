"""What market shows of the later stages comes only from what they register."""

from handslag.market import extensions


def test_tendering_and_evaluation_register_criteria_award_and_tenders():
    def apps(registry):
        return [p.__module__.split(".")[1] for p in registry]

    # The criteria and the award are the evaluation's; the tenders are tendering's.
    assert apps(extensions._criteria) == ["evaluation"]
    assert apps(extensions._decided) == ["evaluation"]
    assert apps(extensions._supplier_tenders) == ["tendering"]


def test_without_registrations_a_call_has_no_criteria_award_or_tenders(monkeypatch):
    for name in ("_criteria", "_decided", "_supplier_tenders"):
        monkeypatch.setattr(extensions, name, [])
    assert extensions.call_criteria(call=object()) == []
    assert extensions.call_decided(call=object()) is False
    assert extensions.supplier_tenders(user=object(), limit=3) == []


def test_the_supplier_sees_at_most_the_limit(monkeypatch):
    monkeypatch.setattr(extensions, "_supplier_tenders", [])
    extensions.register_supplier_tenders(lambda *, user: list(range(5)))
    extensions.register_supplier_tenders(lambda *, user: list(range(5, 10)))
    assert extensions.supplier_tenders(user=object(), limit=7) == [0, 1, 2, 3, 4, 5, 6]
