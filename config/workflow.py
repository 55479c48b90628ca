"""State changes: each workflow declares its transition table, one function applies it.

A workflow is a model with a state field and a table of `Transition`s (from, to, the rule that
grants it, a guard). `Workflow.apply` is the only code that assigns the state: it checks the
table, the permission and the guard, writes the new state as a compare-and-set on the state
read (and the version, where the model keeps one), and records a history row. Every refusal is
a `TransitionRefused` carrying a Vietnamese sentence; `conflict` tells a lost race (HTTP 409)
from a refusal.

`Workflow.available_actions(obj, user)` lists what `user` may do with `obj` now. Templates show
buttons from it (the `{% available_actions %}` tag), never from state literals.

The module names no app: emulation, awards and the document core all use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Model
from django.utils.translation import gettext as _

from config.permissions import authorize

logger = logging.getLogger(__name__)

# (obj, user) → a Vietnamese refusal, or None when the guard lets the move through.
Guard = Callable[[Model, object], "str | None"]


class TransitionRefused(Exception):
    """A state change the table, the rules or a guard refuse; `str()` is Vietnamese and shown
    as is. `conflict` is True when another request moved the row first (answer 409)."""

    def __init__(self, message: str, *, conflict: bool = False):
        self.message = str(message)
        self.conflict = conflict
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Transition:
    """One allowed move. `name` is the action's stable slug (URLs, templates, tests); `label`
    the button text; `permission` the rule asked with (user, obj), None for moves made by
    the system (workers, deadlines); `guard` further conditions with their own message;
    `denied` what a person refused by the rule reads (the standard refusal when None);
    `reason_required` the message shown when the move needs a written reason and got none."""

    source: str
    target: str
    name: str
    label: str = ""
    permission: str | None = None
    guard: Guard | None = None
    denied: str | None = None
    reason_required: str | None = None
    style: str = "primary"

    @property
    def needs_reason(self) -> bool:
        return self.reason_required is not None


@dataclass(frozen=True)
class Action:
    """A transition offered to a user on one object, for a template."""

    transition: Transition
    obj: Model

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return self.transition.label

    @property
    def style(self) -> str:
        return self.transition.style

    @property
    def needs_reason(self) -> bool:
        return self.transition.needs_reason


class Actions(dict):
    """Action name → Action, in table order: `{% if actions.submit %}`, `actions.values`."""


@dataclass
class Workflow:
    """The transition table of one model's state field.

    `history` names the reverse accessor of the model's event rows (created with from_state,
    to_state, by, reason), or None when the model keeps no history. `version_field`, when set,
    joins the compare-and-set and is incremented on every move. `conflict_message` is what a
    user reads after losing a race. `register` makes it the workflow `available_actions`
    finds for the model (one per model).
    """

    model: type[Model]
    transitions: Iterable[Transition]
    state_field: str = "state"
    version_field: str | None = None
    history: str | None = None
    conflict_message: str = ""
    register: bool = True
    _table: dict[tuple[str, str], Transition] = field(init=False, repr=False)

    def __post_init__(self):
        self.transitions = tuple(self.transitions)
        self._table = {}
        for transition in self.transitions:
            key = (str(transition.source), str(transition.target))
            if key in self._table:
                raise ValueError(f"{self.model.__name__}: {key} declared twice")
            self._table[key] = transition
        if self.register:
            _REGISTRY[self.model] = self

    # --- reading the table ---------------------------------------------------------------

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.state_field))

    def find(self, source, target) -> Transition | None:
        return self._table.get((str(source), str(target)))

    def targets_from(self, source) -> frozenset[str]:
        return frozenset(t.target for t in self.transitions if str(t.source) == str(source))

    def by_name(self, obj, name: str) -> Transition | None:
        """The transition called `name` from `obj`'s current state, if the table has one."""
        state = self.state_of(obj)
        for transition in self.transitions:
            if transition.name == name and str(transition.source) == state:
                return transition
        return None

    def refusal(self, obj, transition: Transition, user) -> str | None:
        """Why `user` may not make `transition` on `obj` now (Vietnamese), or None."""
        if transition.permission and not authorize(user, transition.permission, obj):
            return str(transition.denied or _("Bạn không có quyền thực hiện thao tác này."))
        if transition.guard is not None:
            return transition.guard(obj, user)
        return None

    def available_actions(self, obj, user) -> Actions:
        """The moves `user` may make on `obj` from its current state, in table order. A move
        with neither a permission nor a guard is the system's (a worker, a deadline): never
        offered to a person."""
        state = self.state_of(obj)
        actions = Actions()
        for transition in self.transitions:
            if str(transition.source) != state or transition.name in actions:
                continue
            if transition.permission is None and transition.guard is None:
                continue
            if self.refusal(obj, transition, user) is None:
                actions[transition.name] = Action(transition, obj)
        return actions

    # --- applying it ---------------------------------------------------------------------

    def apply(self, obj, target, *, by=None, reason: str = "", check: bool = True, **changes):
        """Move `obj` to `target`, saving `changes` with it: the one place its state is set.

        The same state is a no-op. A move outside the table, one the rules or the guard
        refuse (when `check`), or one missing its reason raises TransitionRefused and writes
        nothing. `check=False` is for moves the system makes (workers, deadlines), whose
        caller decided already. Compare-and-set on the state read (and the version): if the
        row moved meanwhile, TransitionRefused with `conflict=True`. One history row.
        """
        old = self.state_of(obj)
        if str(target) == old and not changes:
            return obj
        transition = self.find(old, target)
        if transition is None:
            raise TransitionRefused(
                _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
                % {"old": self._label(old), "new": self._label(target)}
            )
        if check:
            refused = self.refusal(obj, transition, by)
            if refused:
                raise TransitionRefused(refused)
        if transition.reason_required and not reason.strip():
            raise TransitionRefused(transition.reason_required)
        where = {"pk": obj.pk, self.state_field: old}
        updates = {self.state_field: target, **changes}
        if self.version_field:
            where[self.version_field] = getattr(obj, self.version_field)
            updates[self.version_field] = F(self.version_field) + 1
        with transaction.atomic():
            moved = self.model._default_manager.filter(**where).update(**updates)
            if moved != 1:
                raise TransitionRefused(
                    self.conflict_message
                    or _("Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại trang."),
                    conflict=True,
                )
            if self.history:
                getattr(obj, self.history).create(
                    from_state=old, to_state=target, by=by, reason=reason.strip()
                )
        setattr(obj, self.state_field, target)
        if self.version_field:
            setattr(obj, self.version_field, getattr(obj, self.version_field) + 1)
        for name, value in changes.items():
            setattr(obj, name, value)
        logger.info(
            "%s %s: %s → %s by %s",
            self.model._meta.label_lower,
            obj.pk,
            old,
            target,
            getattr(by, "pk", None),
        )
        return obj

    def _label(self, state) -> str:
        choices = dict(self.model._meta.get_field(self.state_field).flatchoices)
        return str(choices.get(str(state), state))


_REGISTRY: dict[type[Model], Workflow] = {}


def workflow_for(obj) -> Workflow | None:
    """The workflow declared for `obj`'s model (or a parent model), if any."""
    for klass in type(obj).__mro__:
        if klass in _REGISTRY:
            return _REGISTRY[klass]
    return None


def available_actions(obj, user) -> Actions:
    """What `user` may do with `obj` now; empty when its model declares no workflow."""
    workflow = workflow_for(obj)
    return workflow.available_actions(obj, user) if workflow else Actions()
