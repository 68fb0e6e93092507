namespace Pipeline.Resilience.OpenAI;

/// <summary>Who to call for a failure no retry can fix. The runbook's escalation table lists the same contacts (a test checks).</summary>
/// <param name="Role">The role, not a person: people change, roles stay.</param>
/// <param name="Channel">Where to reach the role.</param>
/// <param name="Action">What the role does first.</param>
internal sealed record OpenAIEscalationContact(string Role, string Channel, string Action)
{
    public static readonly OpenAIEscalationContact OnCall = new(
        "Platform on-call engineer", "#platform-oncall, PagerDuty service platform-primary",
        "check OpenAI's status page, confirm the breaker state in the logs, switch to the degraded mode if the outage lasts");

    public static readonly OpenAIEscalationContact BillingOwner = new(
        "OpenAI billing owner (Head of Platform)", "#platform-finops, platform-billing@ mailing list",
        OpenAIResilientClient.EscalationAction(OpenAIOutcomeClass.QuotaExhausted));

    public static readonly OpenAIEscalationContact KeyOwner = new(
        "OpenAI key owner (DevOps lead)", "#devops-secrets, PagerDuty service devops-secrets",
        OpenAIResilientClient.EscalationAction(OpenAIOutcomeClass.AuthRejected));

    public static IReadOnlyList<OpenAIEscalationContact> All { get; } = [OnCall, BillingOwner, KeyOwner];

    /// <summary>The contact for a failure class: billing for quota, the key owner for auth, on-call for the rest.</summary>
    public static OpenAIEscalationContact For(OpenAIOutcomeClass outcome) => outcome switch
    {
        OpenAIOutcomeClass.QuotaExhausted => BillingOwner,
        OpenAIOutcomeClass.AuthRejected => KeyOwner,
        _ => OnCall,
    };
}
