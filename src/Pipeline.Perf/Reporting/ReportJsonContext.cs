using System.Text.Json.Serialization;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Source-generated writer of the JSON report (no reflection at run time): camelCase keys, indented, nulls written.
/// Serialization only: the report is never read back by this code.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(JsonReportDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
