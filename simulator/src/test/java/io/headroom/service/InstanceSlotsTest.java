package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The instance lifecycle on scripted sequences: slots by zone, ready order, draining, loss and repair, the counts billed. */
class InstanceSlotsTest {

    @Test
    void launchesTakeTheLowestFreeSlotOfTheirZone() {
        InstanceSlots s = new InstanceSlots(8);
        assertEquals(0, s.freeSlot(-1, 0));
        s.launch(s.freeSlot(-1, 0));
        s.launch(s.freeSlot(-1, 0));
        assertEquals(2, s.slotCount());
        // three zones: slot i is in zone i mod 3; zone 1's lowest free slot is 1 (taken) -> 4
        assertEquals(4, s.freeSlot(1, 3));
        assertEquals(2, s.freeSlot(2, 3));
        s.launch(4);
        assertEquals(5, s.slotCount());
        assertEquals(InstanceSlots.FREE, s.state(2), "never used below the count: free");
        assertEquals(InstanceSlots.FREE, s.state(99), "beyond the count: free");
        assertEquals(3, s.present());
        assertEquals(3, s.peakPresent());
        assertEquals(0, s.serving(), "starting instances do not work");
        InstanceSlots one = new InstanceSlots(1);
        one.launch(0);
        assertEquals(1, one.freeSlot(-1, 0), "beyond the capacity: the owner grows the slots first");
    }

    @Test
    void readyInstancesAreKeptInAscendingOrderAndEveryChangeBumpsMembership() {
        InstanceSlots s = new InstanceSlots(4);
        for (int i = 0; i < 4; i++) {
            s.launch(i);
        }
        s.ready(2, "svc");
        s.ready(0, "svc");
        s.ready(3, "svc");
        assertEquals(3, s.readyCount());
        assertEquals(0, s.readyAt(0));
        assertEquals(2, s.readyAt(1));
        assertEquals(3, s.readyAt(2));
        assertEquals(3, s.membership());
        assertEquals(3, s.serving());
        s.drain(2);
        assertEquals(InstanceSlots.DRAINING, s.state(2));
        assertEquals(2, s.readyCount());
        assertEquals(3, s.readyAt(1));
        assertEquals(4, s.membership());
        assertEquals(3, s.serving(), "a draining instance still works off what it holds");
        s.end(2);
        assertEquals(InstanceSlots.FREE, s.state(2));
        assertEquals(2, s.serving());
        assertEquals(3, s.present());
        assertEquals(4, s.peakPresent());
    }

    @Test
    void aLostInstanceStaysDownWhenRepairedAndIsFreedOtherwise() {
        InstanceSlots s = new InstanceSlots(2);
        s.launch(0);
        s.launch(1);
        s.ready(0, "svc");
        s.ready(1, "svc");
        s.lose(0, true);
        assertEquals(InstanceSlots.DOWN, s.state(0));
        assertEquals(2, s.present(), "a down instance is still billed");
        assertEquals(1, s.serving());
        assertEquals(1, s.readyCount());
        s.ready(0, "svc");
        assertEquals(2, s.readyCount());
        s.lose(1, false);
        assertEquals(InstanceSlots.FREE, s.state(1));
        assertEquals(1, s.present());
        assertEquals(1, s.serving());
        assertEquals(1, s.freeSlot(-1, 0), "slot 1 is free again");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.ready(0, "svc"));
        assertEquals("svc instance 0 is not starting or down", e.getMessage());
    }

    @Test
    void growingKeepsStatesAndTheReadyList() {
        InstanceSlots s = new InstanceSlots(1);
        s.launch(0);
        s.ready(0, "svc");
        s.grow(4);
        assertEquals(4, s.capacity());
        s.launch(3);
        s.ready(3, "svc");
        assertEquals(InstanceSlots.READY, s.state(0));
        assertEquals(2, s.readyCount());
        assertEquals(3, s.readyAt(1));
    }
}
