using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>MLflow's Model Registry routes on PostgreSQL: the same contract.</summary>
public sealed class RegistryApiPostgresTests(PostgresServerFixture fixture) : RegistryApiContract(fixture), IClassFixture<PostgresServerFixture>;
