using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupplierQuality.Web.OpenApi;

/// <summary>
/// Enums are sent by name throughout the API. Most carry a <c>JsonStringEnumConverter</c> of their own, which the
/// generator sees; the invitation enums (status, delivery, recipient kind) do not, and only CampaignsApi's by-name
/// serializer options make them names, which the generator (reading the app's JSON options) cannot see: it would call
/// them integers. An enum the API ever sent by number would need this rule narrowed.
/// </summary>
internal sealed class EnumsByNameSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Type is { } declared && declared.HasFlag(JsonSchemaType.Integer))
        {
            schema.Type = JsonSchemaType.String | (declared & JsonSchemaType.Null);
            schema.Format = null;
            schema.Pattern = null;
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name))];
        }

        return Task.CompletedTask;
    }
}
