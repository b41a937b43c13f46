using System.CommandLine;
using Gateway.Audit;
using Gateway.Clients;
using Gateway.Cluster;
using Gateway.Data;
using Gateway.Settings;
using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Cli;

/// <summary>Shared options of every command and the service provider they run against.</summary>
public sealed class CliContext(Option<string?> data, Option<bool> json)
{
    public Option<bool> Json { get; } = json;

    /// <summary>Where passwords are read from when not the console (tests, pipes).</summary>
    public TextReader? Input { get; init; }

    /// <summary>Settings laid over appsettings.json, the environment and <c>--data</c>.</summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    /// <summary>
    /// Builds the same configuration and services as the server (appsettings.json, environment,
    /// <c>--data</c>), migrates the store and runs <paramref name="action"/> against it.
    /// </summary>
    /// <param name="migrate">Migrate whatever <c>Gateway:Storage:MigrateOnStart</c> says (the <c>migrate</c> command).</param>
    /// <param name="readOnly">Never migrate (nor create) the store: commands that only read it, such as <c>audit verify</c>.</param>
    public async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CliOutput, Task<int>> action, CancellationToken cancellationToken, bool migrate = false, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        var settings = new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] };
        var builder = Host.CreateApplicationBuilder(settings);
        // Before any value is set below: adding a file rebuilds the configuration, which would drop those values.
        builder.Configuration.AddBesideAppSettings(ScopeCatalogOptions.File);
        if (parse.GetValue(data) is { } dataPath)
        {
            // The audit folder follows: it is a setting of the store (Gateway:Audit:Path, under the data folder).
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataPath)}"] = dataPath;
        }

        if (Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(Configuration);
        }

        builder.Logging.ClearProviders();
        // Changes made here are staff actions too: recorded in a CLI chain of the store's audit folder, where the server reads.
        builder.Services.AddGatewayAuditLog(AuditLog.CliWriter);
        builder.Services.AddSingleton<IStaffAuditLog, CliAuditWriter>();
        builder.AddGatewayData();
        builder.AddGatewayTokens();
        builder.AddGatewayClients();
        // With Redis configured, changes made here reach running instances at once, not only at re-validation.
        builder.AddGatewayRedis();
        builder.AddGatewayStaff();

        var output = new CliOutput(parse.GetValue(Json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        try
        {
            await using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            _ = services.GetRequiredService<IOptions<TokenOptions>>().Value;
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Like the server: with MigrateOnStart off, only `gateway migrate` changes the schema, so a newer
            // binary's CLI never migrates a shared store under running instances by accident.
            if (!readOnly && (migrate || storage.MigrateOnStart))
            {
                // A mistyped --data must not look like an empty gateway: say which store was made (on stderr; not with --json,
                // whose stderr carries only JSON errors).
                var missing = await CliStore.IsMissingAsync(services, storage, cancellationToken);
                await services.MigrateStoreAsync(cancellationToken);
                if (missing && !output.IsJson)
                {
                    output.Note($"no store was at {CliStore.Describe(storage)}: created a new, empty one there. "
                        + "If you meant another store, pass --data <folder> (or set Gateway:Storage:DataPath, or Provider and ConnectionString).");
                }
            }

            return await action(services, output);
        }
        catch (TokenValidationException ex)
        {
            output.Errors(CliFlags.Rename(ex.Errors, parse.CommandResult.Command));
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            output.Error($"configuration: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            output.Error($"store: {ex.GetBaseException().Message}");
            return 1;
        }
    }
}
