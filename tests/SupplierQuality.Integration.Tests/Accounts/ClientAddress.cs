using System.Net;
using System.Net.Sockets;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>Browsers the node sees at an address of their own, or holding a copy of another browser's cookie.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// A client like <see cref="TestNode.CreateClient"/> whose connections come from <paramref name="from"/>. All of
    /// 127.0.0.0/8 is loopback, so each test can be a different client address on the same machine.
    /// </summary>
    public static HttpClient CreateClientFrom(this TestNode node, string from)
    {
        ArgumentNullException.ThrowIfNull(node);
        var handler = HandlerFrom(from);
        handler.CookieContainer = new CookieContainer();
        handler.UseCookies = true;
        return new HttpClient(handler) { BaseAddress = node.BaseAddress };
    }

    /// <summary>A handler whose connections come from <paramref name="from"/>, following no redirects and keeping no cookies.</summary>
    public static SocketsHttpHandler HandlerFrom(string from)
    {
        var local = IPAddress.Parse(from);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    /// <summary>A client that sends exactly this Cookie header and keeps nothing: someone holding a copied cookie.</summary>
    public static HttpClient CreateClientWithCookie(this TestNode node, string cookie)
    {
        ArgumentNullException.ThrowIfNull(node);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The session cookie a sign-in answer sets, as a Cookie header.</summary>
    public static string SessionCookie(this HttpResponseMessage signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("sq.session", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
    }
}
