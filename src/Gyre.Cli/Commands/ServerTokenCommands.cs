using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Server;
using Gyre.Tracking.Access;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre server token create|list|revoke`: the API tokens of a tracking server's backend database (used with `gyre server --auth`).</summary>
public static class ServerTokenCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("token", "Create, list and revoke the API tokens 'gyre server --auth' accepts (kept in the backend database).");
        command.Subcommands.Add(CreateToken(environment));
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Revoke(environment));
        return command;
    }

    private static Command CreateToken(CliEnvironment environment)
    {
        var name = new Option<string>("--name", "-n") { Description = "A label for the token (who or what uses it).", Required = true };
        var role = new Option<string>("--role", "-r")
        {
            Description = "read: GET and search routes; write: also every logging and artifact write; admin: everything.",
            Required = true,
        };
        role.AcceptOnlyFromAmong("read", "write", "admin");
        var backend = ServerCommand.BackendStoreUriOption();
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a token and print its secret (shown only this once).") { name, role, backend, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(environment, parse.GetValue(backend), ct);
            var issued = await Tokens(store).CreateTokenAsync(parse.GetValue(name)!, Enum.Parse<ApiTokenRole>(parse.GetValue(role)!, ignoreCase: true), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    id = issued.Token.Id,
                    name = issued.Token.Name,
                    role = RoleName(issued.Token.Role),
                    creation_time = DateTimeOffset.FromUnixTimeMilliseconds(issued.Token.CreationTime),
                    secret = issued.Secret,
                });
                return ExitCodes.Success;
            }

            await environment.Out.WriteLineAsync($"Created API token {issued.Token.Id} '{issued.Token.Name}' with role {RoleName(issued.Token.Role)}.");
            await environment.Out.WriteLineAsync("Its secret, shown only now (send it as 'Authorization: Bearer SECRET', or set MLFLOW_TRACKING_TOKEN):");
            await environment.Out.WriteLineAsync(issued.Secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var backend = ServerCommand.BackendStoreUriOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "List tokens, newest first (never their secrets).") { backend, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(environment, parse.GetValue(backend), ct);
            var tokens = await Tokens(store).ListTokensAsync(ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    tokens = tokens.Select(t => new
                    {
                        id = t.Id,
                        name = t.Name,
                        role = RoleName(t.Role),
                        creation_time = DateTimeOffset.FromUnixTimeMilliseconds(t.CreationTime),
                        revoked_time = t.RevokedTime is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : (DateTimeOffset?)null,
                    }),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            if (tokens.Count == 0)
            {
                console.WriteLine("No API tokens yet. Create one with 'gyre server token create --name NAME --role write'.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "name", "role", "created (UTC)", "revoked (UTC)");
            foreach (var token in tokens)
            {
                table.AddRow(
                    Markup.Escape(token.Id),
                    Markup.Escape(token.Name),
                    RoleName(token.Role),
                    Time(token.CreationTime),
                    token.RevokedTime is { } revoked ? Time(revoked) : "-");
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliEnvironment environment)
    {
        var id = new Argument<string>("ID") { Description = "The token's id (see 'gyre server token list')." };
        var backend = ServerCommand.BackendStoreUriOption();
        var command = new Command("revoke", "Revoke a token: servers refuse it from then on (within their token cache time, 10 s).") { id, backend };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(environment, parse.GetValue(backend), ct);
            var tokenId = parse.GetValue(id)!;
            await Tokens(store).RevokeTokenAsync(tokenId, ct);
            await environment.Out.WriteLineAsync($"Revoked API token {tokenId}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task<BackendStore> OpenAsync(CliEnvironment environment, string? backendStoreUri, CancellationToken cancellationToken) =>
        BackendStore.OpenAsync(ServerCommand.ResolveBackendStoreUri(environment, backendStoreUri), TrackingServer.ProxiedArtifactRoot, TimeProvider.System, cancellationToken);

    private static IApiTokenStore Tokens(BackendStore store) =>
        store.Tokens ?? throw GyreException.InvalidInput("This backend store does not keep API tokens.");

    private static string RoleName(ApiTokenRole role) => role.ToString().ToLowerInvariant();

    private static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
