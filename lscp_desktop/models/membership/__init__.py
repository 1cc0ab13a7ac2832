"""The partnership, its organisations, people, bodies, who sits on which, and partnership roles.
May import models.core and models.store only; meetings and every later area build on it."""
