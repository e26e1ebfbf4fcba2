using System.Net;
using System.Net.Sockets;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// The client a rate limit counts: the connection's address, which behind a listed proxy is the one it forwarded
/// (<see cref="PublicAddress"/>).
/// </summary>
internal static class ClientAddressKey
{
    /// <summary>
    /// An IPv6 client usually holds a whole /64, so it counts as one address; an IPv4 address seen through a dual-stack
    /// socket counts as that IPv4 address.
    /// </summary>
    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
