using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>The store on SQLite (the embedded default); its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The store on PostgreSQL (several instances); its migrations are in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);
