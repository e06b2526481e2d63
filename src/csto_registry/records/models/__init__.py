"""The records' models, one module per area, re-exported here."""

from csto_registry.records.models.instruments import Instrument, InstrumentEvent, InstrumentKind
from csto_registry.records.models.memberships import StateMembership
from csto_registry.records.models.organizations import Organization, OrganizationKind
from csto_registry.records.models.people import Person, Post, Tenure
from csto_registry.records.models.proceedings import Chairmanship, Session
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal

__all__ = [
    "Chairmanship",
    "Instrument",
    "InstrumentEvent",
    "InstrumentKind",
    "Organization",
    "OrganizationKind",
    "Person",
    "Post",
    "Session",
    "Source",
    "State",
    "StateMembership",
    "Temporal",
    "Tenure",
]
