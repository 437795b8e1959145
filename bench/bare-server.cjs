'use strict';
/**
 * The load bench's yardstick: a bare socket.io server (the same socket.io the app uses) that
 * plays the same join and relay pattern with nothing else: no validation, no store, no limits,
 * no logs. A facilitator creates a circle; each knock puts a name on the waiting list the
 * facilitator is sent; an admission hands the knocker a token; the resume seats them, answers
 * with who is there and tells the others who came; a relay goes to the one addressed.
 *
 * It answers the load worker's requests the way the app does, so one worker drives both, and
 * prints the app's start line so the bench starts and stops it like a node.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const { Server } = require('socket.io');

const circles = new Map();
const seats = new Map();
let connections = 0;

const newId = () => crypto.randomBytes(9).toString('base64url');
const ok = (data) => ({ ok: true, data });

const httpServer = http.createServer((request, response) => {
  if (request.url === '/healthz') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ connections }));
    return;
  }
  response.statusCode = 404;
  response.end();
});
const io = new Server(httpServer, { transports: ['websocket'] });

const memberList = (circle) =>
  [...circle.members.values()].map(({ id, name, seat }) => ({ id, name, seat }));

io.on('connection', (socket) => {
  connections += 1;
  socket.on('disconnect', () => {
    connections -= 1;
  });

  socket.on('circle:create', ({ name }, answer) => {
    const circle = { code: newId(), members: new Map(), waiting: new Map(), host: socket.id };
    const memberId = newId();
    circle.members.set(memberId, { id: memberId, name, seat: 0, socket: socket.id });
    circles.set(circle.code, circle);
    seats.set(socket.id, { circle, memberId });
    void socket.join(circle.code);
    answer(ok({ self: { memberId }, circle: { code: circle.code, members: memberList(circle) } }));
  });

  socket.on('circle:knock', ({ code, name }, answer) => {
    const circle = circles.get(code);
    const waitingId = newId();
    circle.waiting.set(waitingId, { id: waitingId, name, socket: socket.id });
    io.to(circle.host).emit(
      'waiting:list',
      [...circle.waiting.values()].map(({ id, name: n }) => ({ id, name: n })),
    );
    answer(ok({ waitingId }));
  });

  socket.on('waiting:admit', ({ waitingId }, answer) => {
    const { circle } = seats.get(socket.id);
    const waiting = circle.waiting.get(waitingId);
    circle.waiting.delete(waitingId);
    const resumeToken = newId();
    circle.members.set(resumeToken, {
      id: newId(),
      name: waiting.name,
      seat: circle.members.size,
      socket: null,
    });
    io.to(waiting.socket).emit('knock:admitted', { code: circle.code, resumeToken });
    io.to(circle.host).emit(
      'waiting:list',
      [...circle.waiting.values()].map(({ id, name }) => ({ id, name })),
    );
    answer(ok(null));
  });

  socket.on('circle:resume', ({ code, resumeToken }, answer) => {
    const circle = circles.get(code);
    const admitted = circle.members.get(resumeToken);
    circle.members.delete(resumeToken);
    const member = { ...admitted, socket: socket.id };
    circle.members.set(member.id, member);
    seats.set(socket.id, { circle, memberId: member.id });
    socket.to(circle.code).emit('member:joined', { id: member.id, name: member.name });
    void socket.join(circle.code);
    answer(ok({ self: { memberId: member.id }, circle: { code, members: memberList(circle) } }));
  });

  socket.on('signal:relay', ({ to, signal }, answer) => {
    const { circle, memberId } = seats.get(socket.id);
    const recipient = circle.members.get(to);
    io.to(recipient.socket).emit('signal:relay', { from: memberId, signal });
    answer(ok(null));
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  console.log(`bare socket.io server running at http://127.0.0.1:${httpServer.address().port}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
