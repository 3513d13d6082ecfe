"""The dependency container: configuration, then adapters, then use cases."""

from dependency_injector import containers, providers


class Container(containers.DeclarativeContainer):
    """Wires the adapters to the ports of the use cases the commands run."""

    config = providers.Configuration()

    # Adapters.

    # Use cases.
