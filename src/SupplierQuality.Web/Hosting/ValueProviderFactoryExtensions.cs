using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SupplierQuality.Web.Hosting;

internal static class ValueProviderFactoryExtensions
{
    /// <summary>
    /// The jQuery-style providers throw on a key such as <c>answers[</c>, which turns any posted form with such a
    /// field into a 500. The pages use the standard <c>Items[0].Name</c> keys, which the default providers read.
    /// </summary>
    public static void RemoveJQueryStyleKeys(this IList<IValueProviderFactory> factories)
    {
        factories.RemoveType<JQueryFormValueProviderFactory>();
        factories.RemoveType<JQueryQueryStringValueProviderFactory>();
    }
}
