"""The records' models, one module per area, re-exported here."""

from csto_registry.records.models.accounts import Account, ApiToken
from csto_registry.records.models.activities import Exercise, Figure, Force, Operation, Programme
from csto_registry.records.models.audit import AuditEntry
from csto_registry.records.models.cases import Case
from csto_registry.records.models.decisions import Decision, Position
from csto_registry.records.models.instruments import Instrument, InstrumentEvent, InstrumentKind
from csto_registry.records.models.memberships import StateMembership
from csto_registry.records.models.organizations import Organization, OrganizationKind
from csto_registry.records.models.people import Person, Post, Tenure, Vacancy
from csto_registry.records.models.proceedings import Chairmanship, Session
from csto_registry.records.models.revision import Revision
from csto_registry.records.models.search import SearchEntry
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal, temporal_values

__all__ = [
    "Account",
    "ApiToken",
    "AuditEntry",
    "Case",
    "Chairmanship",
    "Decision",
    "Exercise",
    "Figure",
    "Force",
    "Instrument",
    "InstrumentEvent",
    "InstrumentKind",
    "Operation",
    "Organization",
    "OrganizationKind",
    "Person",
    "Position",
    "Post",
    "Programme",
    "Revision",
    "SearchEntry",
    "Session",
    "Source",
    "State",
    "StateMembership",
    "Temporal",
    "Tenure",
    "Vacancy",
    "temporal_values",
]
