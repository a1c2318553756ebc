"""What an edit page shows when someone else saved first: the message, and theirs beside yours."""

CONFLICT = (
    "Someone else saved this while you were editing it. Your changes have not been saved. "
    "What they saved is shown below: check your changes against theirs and save again."
)


def removal_refused(name: str) -> str:
    return (
        f"Someone else changed {name} after you opened this page, so it has not been removed. "
        "What they saved is shown below: if you still want to remove it, press Remove again."
    )


def as_saved(theirs: dict[str, str]) -> list[tuple[str, str, None]]:
    """(label, their value, None) for everything they saved: shown when a removal is refused."""
    return [(label, value, None) for label, value in theirs.items()]


def differences(theirs: dict[str, str], mine: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, their value, your value) for each value that differs."""
    return [
        (label, value, mine.get(label, "")) for label, value in theirs.items() if value != mine.get(label, "")
    ]


def rebind(form_class, request, version: int, **kwargs):
    """The submitted form again, carrying the version just read, so a second save can go through."""
    data = request.POST.copy()
    data["version"] = version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, CONFLICT)
    return form
