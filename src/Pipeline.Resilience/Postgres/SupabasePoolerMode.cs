namespace Pipeline.Resilience.Postgres;

/// <summary>
/// How the endpoint pools connections, judged from its address. Supavisor serves transaction mode on port
/// 6543 (a connection is shared between clients per transaction, so server-side prepared statements break)
/// and session mode on 5432 of <c>*.pooler.supabase.com</c>.
/// </summary>
public enum SupabasePoolerMode
{
    None,
    Session,
    Transaction,
}
