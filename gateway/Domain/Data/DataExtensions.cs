using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

public static class DataExtensions
{
    /// <summary>Registers the token store (EF Core, SQLite by default) and applies migrations on start.</summary>
    public static IHostApplicationBuilder AddGatewayData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddDbContextFactory<GatewayDbContext>((services, options) =>
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (!Directory.Exists(storage.FullDataPath))
            {
                // The store and the generated TLS key live here: private to the gateway's user.
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(storage.FullDataPath);
                }
                else
                {
                    Directory.CreateDirectory(storage.FullDataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            options.UseSqlite(storage.ServingConnectionString);
            // Interceptors registered in DI (metrics, tests that count or delay store commands) see every command.
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
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
        // Migrations are the one place allowed to create the file; the serving connection string never does.
        db.Database.SetConnectionString(services.GetRequiredService<IOptions<StorageOptions>>().Value.EffectiveConnectionString);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
