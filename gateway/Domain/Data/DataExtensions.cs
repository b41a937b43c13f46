using Gateway.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

public static class DataExtensions
{
    /// <summary>
    /// Registers the token store (EF Core on SQLite by default, PostgreSQL when configured) behind
    /// <see cref="IDbContextFactory{GatewayDbContext}"/>, and applies migrations on start.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindSettings(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Both providers are registered; the options pick one when the store is first used, so the choice follows
        // the configuration however late a source is added (test hosts add theirs after Program has run).
        builder.Services.AddDbContextFactory<SqliteGatewayDbContext>((services, options) =>
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            CreatePrivateFolder(storage.FullDataPath);
            options.UseSqlite(storage.SqliteServingConnectionString());
            // Interceptors registered in DI (metrics, tests that count or delay store commands) see every command.
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
        builder.Services.AddDbContextFactory<PostgresGatewayDbContext>((services, options) =>
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseNpgsql(storage.ConnectionString);
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
        builder.Services.AddSingleton<IDbContextFactory<GatewayDbContext>>(services =>
            services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StoreProvider.Postgres
                ? new StoreFactory<PostgresGatewayDbContext>(services.GetRequiredService<IDbContextFactory<PostgresGatewayDbContext>>())
                : new StoreFactory<SqliteGatewayDbContext>(services.GetRequiredService<IDbContextFactory<SqliteGatewayDbContext>>()));

        // For services that resolve the context per scope (the data-protection key ring).
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContext());
        builder.Services.AddHostedService<StoreMigrator>();
        builder.Services.AddSingleton<StoreHealth>();
        builder.Services.AddHostedService<StoreProbe>();
        return builder;
    }

    /// <summary>Brings the store to the latest migration; the CLI calls this before touching it.</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // EF Core takes a database-wide lock for this on SQLite (a lock table), so instances that start together migrate
        // one after the other and the later ones find nothing to do.
        // Migrations are the one place allowed to create the SQLite file; the serving connection string never does.
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StoreProvider.Sqlite)
        {
            db.Database.SetConnectionString(storage.EffectiveConnectionString);
        }

        // On PostgreSQL EF Core's lock is taken per migration, so with several pending migrations two instances starting
        // together could interleave them (and fail on a column the other just added). A session advisory lock held
        // across all of them, and the upgrades after them, makes every later instance wait and then find nothing to do.
        await using var serialized = storage.Provider == StoreProvider.Postgres ? await MigrationLock.TakeAsync(storage.ConnectionString!, cancellationToken) : null;
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var upgrade in services.GetServices<IStoreUpgrade>())
        {
            await upgrade.RunAsync(cancellationToken);
        }
    }

    private static void CreatePrivateFolder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        // The store and the generated TLS key live here: private to the gateway's user.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Hands out the configured provider's context as the shared <see cref="GatewayDbContext"/>.</summary>
    private sealed class StoreFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<GatewayDbContext>
        where TContext : GatewayDbContext
    {
        public GatewayDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<GatewayDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
