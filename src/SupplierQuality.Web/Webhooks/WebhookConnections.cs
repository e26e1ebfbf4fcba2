using System.Net;
using System.Net.Sockets;

namespace SupplierQuality.Web.Webhooks;

/// <summary>
/// Opens the connections webhook posts go over, never to a link-local address: that is where cloud metadata services
/// answer (169.254.169.254), the usual target of a forged server-side request. Checked on the addresses actually
/// dialled, so a name that resolves there (now, or only after it was registered) is refused too. Private networks
/// stay allowed: an ERP usually sits on one.
/// </summary>
internal static class WebhookConnections
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => !IsLinkLocal(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} is a link-local address (where cloud metadata services answer); webhooks are never sent there.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsLinkLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? address.GetAddressBytes() is [169, 254, _, _] : address.IsIPv6LinkLocal;
    }
}
