#!/usr/bin/env python3
"""Generates the secret-scanning benchmark corpus: realistic source, config and log files (>= 50 MiB by
default) with planted fake secrets of every family the story names, plus decoys that must NOT be reported
(placeholders, EXAMPLE keys, environment references, UUIDs, git SHAs, lock-file integrity hashes, localhost
defaults). Writes truth.jsonl next to the corpus: one line per planted secret {file, line, family}.

Usage: generate-secrets-corpus.py OUT_DIR [--mib 55] [--seed 42]
"""
import argparse, base64, json, os, random, string

ALNUM = string.ascii_letters + string.digits

def rnd(alphabet, n):
    return "".join(random.choice(alphabet) for _ in range(n))

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def jwt(payload):
    return b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + b64url(json.dumps(payload).encode()) + "." + b64url(os.urandom(32))

def pem_body():
    return [rnd(ALNUM + "+/", 64) for _ in range(random.randint(8, 25))] + [rnd(ALNUM + "+/", 24) + "=="]

def password():
    return rnd(ALNUM, 8) + str(random.randint(10, 99)) + rnd(ALNUM, 8)

# Each planter returns the lines to insert and the index (within them) of the line holding the secret.
def plant(kind):
    if kind == "aws":
        return [f'AWS_ACCESS_KEY_ID = "AKIA{rnd(string.ascii_uppercase + "234567", 16)}"'], 0
    if kind == "aws-secret":
        return [f'aws_secret_access_key = {rnd(ALNUM + "/+", 40)}'], 0
    if kind == "github":
        return [f'    token: "ghp_{rnd(ALNUM, 36)}"'], 0
    if kind == "openai-project":
        return [f'OPENAI_API_KEY=sk-proj-{rnd(ALNUM + "_-", 74)}T3BlbkFJ{rnd(ALNUM + "_-", 74)}'], 0
    if kind == "openai-legacy":
        return [f'const openai = new OpenAI({{ apiKey: "sk-{rnd(ALNUM, 20)}T3BlbkFJ{rnd(ALNUM, 20)}" }});'], 0
    if kind == "supabase-pat":
        return [f'SUPABASE_ACCESS_TOKEN=sbp_{rnd(string.ascii_lowercase + string.digits, 40)}'], 0
    if kind == "supabase-secret":
        return [f'  "supabaseSecretKey": "sb_secret_{rnd(ALNUM, 32)}",'], 0
    if kind == "supabase-service-role":
        token = jwt({"iss": "supabase", "ref": rnd(string.ascii_lowercase, 20), "role": "service_role", "iat": 1700000000, "exp": 2000000000})
        return [f'SUPABASE_SERVICE_ROLE_KEY={token}'], 0
    if kind == "postgres":
        return [f'DATABASE_URL=postgresql://app_{rnd(string.ascii_lowercase, 5)}:{password()}@db-{random.randint(1, 9)}.internal.corp:5432/app'], 0
    if kind == "slack":
        return [f'slack_bot = "xoxb-{rnd(string.digits, 12)}-{rnd(string.digits, 13)}-{rnd(ALNUM, 24)}"'], 0
    if kind == "stripe":
        return [f'STRIPE_KEY = "sk_live_{rnd(ALNUM, 24)}"'], 0
    if kind == "pem":
        return ["-----BEGIN RSA PRIVATE KEY-----"] + pem_body() + ["-----END RSA PRIVATE KEY-----"], 0
    if kind == "pem-escaped":
        return ['  "private_key": "-----BEGIN PRIVATE KEY-----\\n' + "\\n".join(pem_body()) + '\\n-----END PRIVATE KEY-----\\n",'], 0
    if kind == "generic":
        return [f'db_password = "{password()}"'], 0
    raise ValueError(kind)

KINDS = ["aws", "aws-secret", "github", "openai-project", "openai-legacy", "supabase-pat", "supabase-secret",
         "supabase-service-role", "postgres", "slack", "stripe", "pem", "pem-escaped", "generic"]

DECOYS = [
    lambda: 'OPENAI_API_KEY=your-key-here',
    lambda: 'api_key = "<your-api-key>"',
    lambda: 'password: ${DB_PASSWORD}',
    lambda: 'DB_PASSWORD=changeme',
    lambda: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    lambda: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    lambda: 'password = os.environ["DB_PASSWORD"]',
    lambda: '        api_key: ${{ secrets.OPENAI_API_KEY }}',
    lambda: 'const token = process.env.GITHUB_TOKEN;',
    lambda: f'request_token = "{rnd("0123456789abcdef", 8)}-{rnd("0123456789abcdef", 4)}-4{rnd("0123456789abcdef", 3)}-a{rnd("0123456789abcdef", 3)}-{rnd("0123456789abcdef", 12)}"',
    lambda: f'commit_token: {rnd("0123456789abcdef", 40)}',
    lambda: 'DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app',
    lambda: 'secret = get_secret_from_vault(name)',
    lambda: f'  "integrity": "sha512-{rnd(ALNUM + "+/", 86)}==",',
    lambda: f'image = "data:image/png;base64,{rnd(ALNUM + "+/", 120)}"',
    lambda: f'# see https://github.com/org/repo/commit/{rnd("0123456789abcdef", 40)}',
]

WORDS = ("request response handler token session user account service client config value result error retry "
         "timeout password secret key cache queue worker job batch stream buffer parser render update delete "
         "create select insert where order limit offset index table column schema migration deploy build").split()

def filler_line(ext):
    w = random.choice
    r = random.random()
    if ext == ".py":
        forms = [f"def {w(WORDS)}_{w(WORDS)}(self, {w(WORDS)}, {w(WORDS)}=None):",
                 f"    {w(WORDS)} = self.{w(WORDS)}.get('{w(WORDS)}', {random.randint(0, 999)})",
                 f"    if {w(WORDS)} is None: raise ValueError('missing {w(WORDS)} {w(WORDS)}')",
                 f"    logger.info('%s {w(WORDS)} %d', {w(WORDS)}, len({w(WORDS)}s))",
                 f"    return [{w(WORDS)} for {w(WORDS)} in {w(WORDS)}s if {w(WORDS)}.{w(WORDS)}]"]
    elif ext in (".js", ".ts"):
        forms = [f"export async function {w(WORDS)}{w(WORDS).title()}({w(WORDS)}, {w(WORDS)}) {{",
                 f"  const {w(WORDS)} = await fetch(`/api/v1/{w(WORDS)}/${{{w(WORDS)}}}`);",
                 f"  if (!{w(WORDS)}.ok) throw new Error('{w(WORDS)} {w(WORDS)} failed: ' + {w(WORDS)}.status);",
                 f"  {w(WORDS)}.{w(WORDS)} = {w(WORDS)}?.{w(WORDS)} ?? {random.randint(0, 9999)};",
                 "}"]
    elif ext == ".json":
        forms = [f'  "{w(WORDS)}{w(WORDS).title()}": "{w(WORDS)}-{random.randint(0, 99999)}",',
                 f'  "{w(WORDS)}": {random.randint(0, 10**6)},',
                 f'  "{w(WORDS)}Id": "{rnd("0123456789abcdef", 24)}",']
    elif ext == ".log":
        forms = [f"2026-11-25T22:{random.randint(10, 59)}:{random.randint(10, 59)}.{random.randint(100, 999)}Z INFO  {w(WORDS)}.{w(WORDS)} {w(WORDS)} completed in {random.randint(1, 900)} ms (status={random.choice([200, 201, 404, 500])})",
                 f"2026-11-25T22:{random.randint(10, 59)}:{random.randint(10, 59)}.{random.randint(100, 999)}Z WARN  retry {random.randint(1, 5)}/5 for {w(WORDS)} after {w(WORDS)} timeout",
                 f"2026-11-25T22:{random.randint(10, 59)}:{random.randint(10, 59)}.{random.randint(100, 999)}Z DEBUG token refresh for user {random.randint(1000, 99999)} ok"]
    else:
        forms = [" ".join(w(WORDS) for _ in range(random.randint(6, 16))).capitalize() + ".",
                 f"- `{w(WORDS)}_{w(WORDS)}`: the {w(WORDS)} used by the {w(WORDS)} {w(WORDS)}",
                 f"{w(WORDS)}_{w(WORDS)}: {w(WORDS)}"]
    return random.choice(forms)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--mib", type=float, default=55)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    random.seed(args.seed)
    corpus = os.path.join(args.out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    target = int(args.mib * 1024 * 1024)
    exts = [".py", ".js", ".ts", ".json", ".log", ".md", ".yaml"]
    written, index, truth = 0, 0, []
    while written < target:
        ext = random.choice(exts)
        rel = f"pkg{index % 40:02d}/mod{index // 40:03d}/file{index:05d}{ext}"
        # Lines are grouped in blocks so that nothing is ever inserted inside a planted multi-line key.
        blocks = [[filler_line(ext)] for _ in range(random.randint(200, 1200))]
        for _ in range(random.randint(1, 3)):
            blocks.insert(random.randint(0, len(blocks)), [random.choice(DECOYS)()])
        for _ in range(random.choice([0, 1, 1, 2])):
            kind = random.choice(KINDS)
            block, offset = plant(kind)
            blocks.insert(random.randint(0, len(blocks)), block)
            truth.append((rel, kind))
        lines = [line for block in blocks for line in block]
        # the planted lines are located in the final text below
        text = "\n".join(lines) + "\n"
        path = os.path.join(corpus, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        written += len(text.encode())
        index += 1
    # Locate every planted secret in the final files (insertions may have moved them).
    markers = ("AKIA", "aws_secret_access_key = ", "ghp_", "sk-proj-", "T3BlbkFJ", "sbp_", "sb_secret_",
               "SUPABASE_SERVICE_ROLE_KEY=", "DATABASE_URL=postgresql://app_", "xoxb-", "sk_live_",
               "-----BEGIN RSA PRIVATE KEY-----", '"private_key": "-----BEGIN', 'db_password = "')
    planted_files = sorted({t[0] for t in truth})
    count = 0
    with open(os.path.join(args.out, "truth.jsonl"), "w") as out:
        for rel in planted_files:
            with open(os.path.join(corpus, rel)) as f:
                for number, line in enumerate(f, 1):
                    if "EXAMPLE" in line: continue
                    if any(m in line for m in markers):
                        out.write(json.dumps({"file": rel, "line": number}) + "\n")
                        count += 1
    print(f"corpus: {written / 1048576:.1f} MiB in {index} files, {count} planted secrets -> {args.out}")

if __name__ == "__main__":
    main()
