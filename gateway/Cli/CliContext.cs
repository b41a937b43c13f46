using System.CommandLine;
using Gateway.Audit;
using Gateway.Clients;
using Gateway.Cluster;
using Gateway.Data;
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
    public async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CliOutput, Task<int>> action, CancellationToken cancellationToken, bool migrate = false)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        var settings = new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] };
        var builder = Host.CreateApplicationBuilder(settings);
        if (parse.GetValue(data) is { } dataPath)
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataPath)}"] = dataPath;
            // A store picked on the command line keeps its CLI audit chain beside it, unless configured.
            builder.Configuration[$"{AuditOptions.Section}:{nameof(AuditOptions.Path)}"] ??= Path.Combine(dataPath, "logs");
        }

        if (Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(Configuration);
        }

        builder.Logging.ClearProviders();
        // Changes made here are staff actions too: recorded in the CLI's own audit chain.
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<IOptions<AuditOptions>>(), AuditLog.CliPrefix));
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
            if (migrate || storage.MigrateOnStart)
            {
                await services.MigrateStoreAsync(cancellationToken);
            }

            return await action(services, output);
        }
        catch (TokenValidationException ex)
        {
            output.Errors(ex.Errors);
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
