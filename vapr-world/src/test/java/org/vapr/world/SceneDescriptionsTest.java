package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneDescriptionsTest {

    @Test
    void describesBackgroundObjectsLeftToRightWithPositionsAndText(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("scenes.jsonl"), """
                {"id":"scene_000000","image":"images/000000.png","background":"cloudy","objects":[\
                {"shape":"diamond","color":"green","size":"large","pattern":"solid","x":0.5,"y":0.5,"bbox":[0.36,0.36,0.64,0.64]},\
                {"shape":"cross","color":"brown","size":"medium","pattern":"striped","x":0.162,"y":0.797,"bbox":[0.06,0.69,0.27,0.9]}],\
                "text":"HOTEL"}
                """);
        SceneDescriptions d = SceneDescriptions.load(f);
        assertThat(d.apply("images/000000.png")).hasValue("""
                A synthetic image with a cloudy background and 2 objects, from left to right:
                - a medium brown striped cross in the lower left (box [0.06, 0.69, 0.27, 0.90])
                - a large green solid diamond in the centre (box [0.36, 0.36, 0.64, 0.64])
                The word "HOTEL" is written in the image.""");
        assertThat(d.apply("images/999999.png")).isEmpty();
    }

    @Test
    void positionsCoverTheNineRegions() {
        assertThat(SceneDescriptions.where(0.1, 0.1)).isEqualTo("in the upper left");
        assertThat(SceneDescriptions.where(0.9, 0.5)).isEqualTo("on the right");
        assertThat(SceneDescriptions.where(0.5, 0.9)).isEqualTo("in the lower middle");
    }
}
