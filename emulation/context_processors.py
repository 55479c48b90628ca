from emulation.enums import Role


def navigation(request) -> dict:
    """The signed-in user's role, for the menu and the home page. No queries."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"current_role": role, "Role": Role}
