using System.Security.Cryptography;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>The rules of a registration, and the secret each endpoint signs with.</summary>
public static class WebhookInput
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 200;

    /// <summary>Endpoints an installation may have: each gets every event it subscribes to, so the fan-out stays small.</summary>
    public const int MaxEndpoints = 20;

    /// <summary>
    /// The input trimmed, with events in <see cref="WebhookEventTypes.All"/> order and each once, or field errors
    /// (keys <c>url</c>, <c>events</c>, <c>description</c>).
    /// </summary>
    public static (WebhookEndpointInput Input, Dictionary<string, string[]> Errors) Normalize(WebhookEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var url = input.Url?.Trim() ?? string.Empty;
        if (url.Length == 0)
        {
            errors.Add("url", "Enter the address to post events to, such as https://erp.example.com/hooks/supplier-quality.");
        }
        else if (url.Length > MaxUrlLength)
        {
            errors.Add("url", $"Shorten the address to at most {MaxUrlLength} characters.");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            errors.Add("url", "The address must be a full http or https URL, such as https://erp.example.com/hooks/supplier-quality.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            // It would show on the admin page and in logs: receivers check the signature instead.
            errors.Add("url", "Leave the user name and password out of the address: the receiver checks each post's signature instead.");
        }
        else if (uri.Fragment.Length > 0)
        {
            errors.Add("url", "Leave the #fragment out of the address: it is never sent to the receiver.");
        }

        var events = new List<string>();
        foreach (var name in input.Events ?? [])
        {
            var trimmed = name?.Trim() ?? string.Empty;
            if (!WebhookEventTypes.IsKnown(trimmed))
            {
                errors.Add("events", $"\"{Shorten(trimmed)}\" is not an event: choose from {string.Join(", ", WebhookEventTypes.All)}.");
            }
            else if (!events.Contains(trimmed))
            {
                events.Add(trimmed);
            }
        }

        if (events.Count == 0 && !errors.Has("events"))
        {
            errors.Add("events", $"Choose at least one event: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"Shorten the description to at most {MaxDescriptionLength} characters.");
        }
        else if (description is not null && description.Any(char.IsControl))
        {
            errors.Add("description", "The description must be one line of text.");
        }

        var ordered = WebhookEventTypes.All.Where(events.Contains).ToArray();
        return (new WebhookEndpointInput(url, ordered, description), errors.ToDictionary());
    }

    /// <summary>A new signing secret: <c>whsec_</c> and the base64 of 32 bytes from the system's CSPRNG (Standard Webhooks asks 24 to 64).</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
