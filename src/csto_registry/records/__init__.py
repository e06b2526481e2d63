"""The records app: the organization's states, bodies, posts, people and their history."""
