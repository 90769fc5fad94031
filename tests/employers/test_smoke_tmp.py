def test_pages(client, auth, fair):
    auth.login("hr@sakura.example")
    for url in [
        "/employer/",
        "/employer/company",
        "/employer/team",
        f"/employer/roles/{fair.role.id}",
        f"/employer/roles/{fair.role.id}/shortlist",
        f"/employer/roles/{fair.role.id}/pipeline",
        "/employer/roles/new",
        f"/employer/roles/{fair.role.id}/edit",
        f"/employer/booths/{fair.exhibitor.id}/slots",
        f"/employer/booths/{fair.exhibitor.id}/schedule",
        f"/employer/roles/{fair.role.id}/export/shortlist.xlsx",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.data[:3000])
    r = client.post(f"/employer/roles/{fair.role.id}/shortlist/{fair.candidate.profile.id}")
    assert r.status_code == 302, r.data
    r = client.get(r.headers["Location"])
    assert r.status_code == 200, r.data
