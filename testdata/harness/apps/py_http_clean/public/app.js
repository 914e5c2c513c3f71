fetch('/api/status').then(r => r.json()).then(s => {
  document.getElementById('notes').textContent = s.name + ' up ' + s.uptime + ' s';
});
