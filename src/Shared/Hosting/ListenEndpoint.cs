using System.Net;
using Gyre.Core;

namespace Gyre.Hosting;

/// <summary>
/// Where a Gyre HTTP host (the tracking server, the model server) listens. Source shared by both host assemblies
/// (linked, internal), so neither depends on the other.
/// </summary>
internal static class ListenEndpoint
{
    /// <summary>
    /// <paramref name="host"/> as an address: an IP literal (brackets allowed), <c>localhost</c> (loopback) or a name
    /// resolved by DNS (its first address). InvalidInput naming <c>--host</c> when it has no address.
    /// </summary>
    public static async Task<IPEndPoint> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        var name = host.Trim().Trim('[', ']');
        if (IPAddress.TryParse(name, out var address))
        {
            return new IPEndPoint(address, port);
        }

        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken);
            return new IPEndPoint(addresses.FirstOrDefault() ?? throw GyreException.InvalidInput($"Invalid value for --host: '{host}' has no address."), port);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw GyreException.InvalidInput($"Invalid value for --host: cannot resolve '{host}' ({e.Message}).");
        }
    }
}
